// Messages of the 'editor' namespace (English). Keys are added by the feature that uses them.
export default {};
