// Messages of the 'link' namespace (English). Keys are added by the feature that uses them.
export default {};
