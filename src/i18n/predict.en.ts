// Messages of the 'predict' namespace (English). Keys are added by the feature that uses them.
export default {};
