/** 法治建设: the register of rule-of-law meetings and law study. */
export const governanceZhCN = {
  'menu.meetings': '会议与学法',
  'meetings.title': '法治建设会议与学法记录',
  'meetings.new': '登记会议或学法',
  'meetings.note': '法治建设工作领导小组会议、党委会议、政府常务会议、党政联席会议须有过半数组成人员出席（地方组织法第六条、第七十七条）；会议召开后在事项页面记录出席情况、议题，并签发会议纪要。全年会议、学法和述法次数计入法治政府建设年度报告第一部分。',
  'meetings.empty': '暂无会议或学法记录',
  'meetings.kind': '类别',
  'meetings.name': '名称',
  'meetings.nameHint': '如：2024年第1次法治建设工作领导小组会议',
  'meetings.calledOn': '通知日期',
  'meetings.topics': '拟议议题或学习内容',
  'meetings.required': '请填写{label}',
  'meetings.new.done': '已登记：{ref}',
} as const;
