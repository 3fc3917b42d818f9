import type en from './editor.en';

// Messages of the 'editor' namespace (Korean): the same keys as editor.en.ts.
const ko: typeof en = {
  heading: '네트워크 만들기',
  help: '팔레트의 블록을 클릭하거나 Enter를 누르면 선택한 블록 뒤에 추가됩니다. 캔버스로 끌어다 놓으면 원하는 자리에 놓을 수 있습니다. 블록 오른쪽 점에서 다른 블록 왼쪽 점으로 끌면 연결됩니다. 키보드: Tab으로 블록 이동, Enter로 선택, 화살표로 옮기기, C로 연결, Delete로 삭제, Ctrl+D로 복제, Ctrl+Z / Ctrl+Shift+Z로 실행 취소 / 다시 실행.',
  locked: '학습이 이 네트워크를 쓰고 있어서, 학습이 끝날 때까지 편집할 수 없습니다.',
  canvasLabel: '네트워크 캔버스',
  nodeLabel_one: '{{kind}} {{id}}, 출력 {{shape}}, 문제 {{count}}개',
  nodeLabel_other: '{{kind}} {{id}}, 출력 {{shape}}, 문제 {{count}}개',
  toolbar: {
    label: '편집 도구',
    empty: '빈 캔버스',
    tidy: '자동 정렬',
    undo: '실행 취소',
    redo: '다시 실행',
    duplicate: '복제',
    delete: '삭제',
    connect: '연결…',
    showCost: 'FLOPs, 메모리, 수용 영역 보기',
  },
  palette: {
    heading: '블록 추가',
    add: '{{kind}} 추가',
  },
  node: {
    shape: '출력',
    params: '파라미터',
    paramsShort: '파라미터',
    trainable: '학습 가능',
    nonTrainable: '학습 불가',
    flops: 'FLOPs',
    flopsTitle: '곱셈-덧셈 1번에 2: 예제 하나에 곱셈-덧셈 {{macs}}번',
    memory: '예제당 메모리',
    receptiveField: '수용 영역',
    wholeInput: '이미지 전체',
  },
  axis: { height: '높이', width: '너비' },
  inspector: {
    heading: '선택한 블록',
    none: '블록을 선택하면 설정을 보고 바꿀 수 있습니다.',
    many: '블록 {{count}}개를 선택했습니다.',
    inputs: '입력',
    noInputs: '연결된 입력이 없습니다.',
    disconnect: '{{from}} 연결 끊기',
    trainable: '학습 가능',
    nonTrainable: '학습 불가',
    connectFrom: '이 블록에서 연결…',
    yes: '예',
  },
  fieldError: {
    size2: '3처럼 크기 하나를 쓰거나, 3x5처럼 높이×너비를 쓰세요.',
    padding: 'valid, same 또는 {{min}}부터 {{max}}까지의 픽셀 수를 쓰세요.',
  },
  connect: {
    heading: '{{from}}을(를) 연결할 블록…',
    hint: '{{from}}의 출력을 받을 블록을 고르세요(화살표 키, 그다음 Enter). Esc를 누르면 취소됩니다.',
    target: '{{id}} ({{kind}})',
    cancel: '취소',
  },
  refused: '{{from}}을(를) 여기에 연결할 수 없습니다: {{reason}}',
  status: {
    added: '{{ids}} 블록을 추가했습니다.',
    replaced: '블록 {{count}}개짜리 네트워크를 열었습니다.',
    removed: '{{ids}} 블록을 삭제했습니다.',
    connected: '{{edges}} 연결했습니다.',
    disconnected: '{{edges}} 연결을 끊었습니다.',
  },
};

export default ko;
