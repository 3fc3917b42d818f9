// Messages of the 'inputs' namespace (Korean): what happens to files and links the user brings.
export default {
  zip: {
    notZip: '“{{name}}”은(는) zip 파일이 아닙니다(안에 항목이 없습니다).',
    tooManyEntries: '“{{name}}”에 항목이 {{limit}}개보다 많아서 열지 않았습니다.',
    entryTooLarge: '“{{entry}}”의 압축을 풀면 {{limitMiB}} MB가 넘습니다. 이미지 하나로는 너무 커서 zip을 열지 않았습니다.',
    tooLarge: '“{{name}}”의 압축을 풀면 {{limitMiB}} MB가 넘어서 열지 않았습니다. 이미지 수를 줄이거나 더 작은 이미지를 쓰세요.',
    damaged: '“{{name}}”이(가) 손상되어 압축을 풀 수 없습니다.',
    truncated: '“{{name}}”이(가) 중간에 끊겨 있습니다(내려받기가 끝나지 않았을 수 있습니다). “{{entry}}”가 잘려 있습니다.',
  },
  byo: {
    skipped_one: '사용하지 않은 파일 {{count}}개:',
    skipped_other: '사용하지 않은 파일 {{count}}개:',
    skipReason: {
      notImage: '이미지 파일이 아님',
      unsafePath: '경로가 폴더 밖을 가리킴',
      noClassFolder: '클래스 폴더 안에 있지 않음',
      notInSplit: 'train/ 또는 test/ 안에 있지 않음',
    },
    andMore_one: '… 외 {{count}}개',
    andMore_other: '… 외 {{count}}개',
    emptyClasses_one: '클래스 {{names}}은(는) 학습 이미지를 하나도 읽을 수 없어서 뺐습니다.',
    emptyClasses_other: '클래스 {{names}}은(는) 학습 이미지를 하나도 읽을 수 없어서 뺐습니다.',
  },
};
