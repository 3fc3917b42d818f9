// Messages of the 'walk' namespace (Korean).
export default {
  stale: {
    network: '이 결과는 학습할 때의 네트워크에서 나온 것입니다. 그 뒤에 네트워크를 고쳤으니, 지금 보이는 네트워크의 결과를 보려면 다시 학습하세요.',
    statusNetwork: '그 뒤 네트워크 수정됨',
  },
};
