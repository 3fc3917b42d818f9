// Messages of the 'inputs' namespace (English): what happens to files and links the user brings.
export default {
  zip: {
    notZip: '“{{name}}” is not a zip file (no entries found in it).',
    tooManyEntries: '“{{name}}” holds more than {{limit}} entries, so it was not opened.',
    entryTooLarge: '“{{entry}}” unpacks to more than {{limitMiB}} MB, far more than an image should, so the zip was not opened.',
    tooLarge: '“{{name}}” unpacks to more than {{limitMiB}} MB, so it was not opened. Use fewer or smaller images.',
    damaged: '“{{name}}” is damaged and could not be unpacked.',
    truncated: '“{{name}}” ends early (the download may be incomplete): “{{entry}}” is cut short.',
  },
  byo: {
    skipped_one: '{{count}} file was not used:',
    skipped_other: '{{count}} files were not used:',
    skipReason: {
      notImage: 'not an image file',
      unsafePath: 'its path leads outside the folder',
      noClassFolder: 'not inside a class folder',
      notInSplit: 'not inside train/ or test/',
    },
    andMore_one: '… and {{count}} more',
    andMore_other: '… and {{count}} more',
    emptyClasses_one: 'Class {{names}} was left out: none of its training images could be read.',
    emptyClasses_other: 'Classes {{names}} were left out: none of their training images could be read.',
  },
};
