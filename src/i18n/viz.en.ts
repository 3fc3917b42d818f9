// Messages of the 'viz' namespace (English). Keys are added by the feature that uses them.
export default {};
