/**
 * Stable error codes shared by server and web. Each code maps to one HTTP status
 * (in one place: `httpStatusOf`) and carries a Chinese message a clerk understands,
 * with English as the second locale.
 */
export const errorCatalogue = {
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_THROTTLED: { status: 429, zh: '登录失败次数过多，请稍后再试（请按提示的秒数等待）', en: 'Too many failed attempts; wait the given number of seconds and try again' },
  AUTH_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'The account is disabled; contact the administrator' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '长时间未操作，登录已过期，请重新登录', en: 'Your session expired after inactivity; sign in again' },
  AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录须先修改初始密码', en: 'Change the initial password first' },
  AUTH_CSRF: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '接口令牌无效或已过期', en: 'The API token is invalid or expired' },
  PASSWORD_WEAK: { status: 422, zh: '密码至少10位，且须包含大写字母、小写字母、数字、符号中的至少三类', en: 'Use at least 10 characters with three of: upper case, lower case, digits, symbols' },
  PASSWORD_WRONG: { status: 422, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_THROTTLED: { status: 429, zh: '当前密码输入错误次数过多，请稍后再试', en: 'Too many wrong current passwords; try again later' },
  PASSWORD_REUSED: { status: 422, zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或您无权查看', en: 'The record does not exist or you may not see it' },
  VALIDATION: { status: 400, zh: '提交的内容不符合要求', en: 'The submitted data is not valid' },
  DATE_RANGE_INVALID: { status: 400, zh: '日期范围不正确：结束日期不能早于开始日期，且一次最多查询92天', en: 'Invalid date range: the end may not precede the start, and at most 92 days can be queried at once' },
  CONFLICT: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and try again' },
  DUPLICATE: { status: 409, zh: '已存在相同的记录', en: 'A record with the same key already exists' },
  VALUE_NOT_ACCEPTED: { status: 422, zh: '提交的内容中有无法保存的值（如格式、长度或取值范围不符），请检查后重试', en: 'A submitted value cannot be stored (its form, length or range is not accepted); check it and try again' },
  REFERENCE_NOT_FOUND: { status: 422, zh: '引用的记录不存在（如所选人员或机构已被删除），请刷新后重试', en: 'A record this refers to does not exist (for example, the chosen person or org was removed); reload and try again' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用', en: 'This username is taken' },
  ORG_KIND_INVALID: { status: 422, zh: '该组织类型不能设在所选上级之下', en: 'This kind of org cannot sit under the chosen parent' },
  ORG_HAS_CHILDREN: { status: 422, zh: '该组织下仍有下级组织或用户，不能删除', en: 'The org still has children or users' },
  ROLE_IN_USE: { status: 422, zh: '该角色仍被授予用户，不能删除', en: 'The role is still granted to users' },
  ROLE_BUILT_IN: { status: 422, zh: '系统内置角色不能修改', en: 'Built-in roles cannot be changed' },
  PERMISSION_UNKNOWN: { status: 422, zh: '包含未知的权限项', en: 'Unknown permission' },
  SCOPE_EXCEEDS_OWN: { status: 403, zh: '不能授予超出您自身管辖范围的权限', en: 'You cannot grant beyond your own scope' },
  CASE_STALE: { status: 409, zh: '该事项已被他人处理，请刷新后查看最新状态', en: 'Someone else acted on this case; reload to see its current status' },
  CASE_TRANSITION_UNAVAILABLE: { status: 409, zh: '该事项当前状态下不能执行此操作', en: 'This action is not available in the case\'s current status' },
  CASE_FIELDS_REQUIRED: { status: 422, zh: '请填写此操作要求的必填内容', en: 'Fill in the fields this action requires' },
  ASSIGNEE_NOT_ELIGIBLE: { status: 422, zh: '所选人员没有办理该事项的权限，不能指派为承办人', en: 'The chosen person may not handle this case and cannot be assigned' },
  CASE_DATA_INVALID: { status: 422, zh: '填写的内容不符合要求', en: 'Some fields are not valid' },
  CASE_DATE_INVALID: { status: 422, zh: '办理日期不正确：不能早于上一办理步骤（或收到日期），也不能晚于今天', en: 'Invalid date: it may not be before the previous step (or the day received), nor after today' },
  CASE_MINIMUM_PERIOD: { status: 422, zh: '法定最短期间尚未届满，此步骤不能提前办理', en: 'A minimum period has not run out yet; this step cannot be taken before it ends' },
  CLOCK_LENGTH_OUT_OF_BOUNDS: { status: 422, zh: '期限长度超出允许设定的范围', en: 'The length is outside the bounds allowed for this period' },
  CLOCK_NOT_CONFIGURABLE: { status: 422, zh: '该期限为法定期限，不能自行设定', en: 'This period is set by law and cannot be configured' },
  CASE_TRANSFER_OUTSIDE_TOWNSHIP: { status: 422, zh: '目前只能转交本乡镇（街道）的单位，跨乡镇转送请走信访转送程序', en: 'A case can only be passed to an office of the same township for now' },
  CASE_TRANSFER_NO_HANDLER: { status: 422, zh: '接收单位没有能办理此类事项的人员，不能转交', en: 'Nobody at the receiving office may handle this kind of case' },
  CASE_LATE_ENTRY_FORBIDDEN: { status: 403, zh: '该日期距今已超过补录期限，您没有补录权限，请联系有补录权限的人员', en: 'That day is past the late-entry limit and you may not enter late steps; ask someone who may' },
  EXTENSION_NOT_ALLOWED: { status: 422, zh: '该期限依法不能延长', en: 'This period cannot be extended' },
  EXTENSION_EXCEEDS_CAP: { status: 422, zh: '延长期限超过法定上限', en: 'The extension exceeds the statutory cap' },
  TRACK_NOT_FOUND: { status: 404, zh: '受理编号或查询码不正确', en: 'Wrong tracking number or query code' },
  TRACK_THROTTLED: { status: 429, zh: '查询错误次数过多，请稍后再试', en: 'Too many wrong attempts; try again later' },
  RATING_NOT_ALLOWED: { status: 422, zh: '事项办结后方可评价，且每件事项只能评价一次', en: 'A case can be rated once, after it is closed' },
  CALENDAR_DAY_OUT_OF_RANGE: { status: 422, zh: '该日期超出日历可录入的年份范围，请检查年份是否输入有误', en: 'That date is outside the years the calendar takes entries for; check the year' },
  CALENDAR_DAY_TAKEN: { status: 409, zh: '该日期已有调整记录，请先删除原记录', en: 'That day already has an entry; delete it first' },
  DOCUMENT_NOT_AVAILABLE: { status: 422, zh: '该事项尚无生成此文书所需的内容（如调解协议、调解笔录或终止调解记录）', en: 'The case does not have what this document needs yet (an agreement, a session record or a termination)' },
  FILE_REQUIRED: { status: 400, zh: '请选择要上传的文件（multipart/form-data，字段名 file）', en: 'Choose a file to upload (multipart/form-data, field "file")' },
  FILE_EMPTY: { status: 422, zh: '上传的文件是空的', en: 'The uploaded file is empty' },
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小上限', en: 'The file exceeds the size limit' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持该文件类型。可上传：PDF、图片（JPG/PNG/WebP/HEIC）、Word、Excel、录音（MP3/M4A/AMR）、MP4视频、TXT文本', en: 'This file type is not accepted. Accepted: PDF, images (JPG/PNG/WebP/HEIC), Word, Excel, recordings (MP3/M4A/AMR), MP4 video, plain text' },
  OUTBOX_NOT_RETRYABLE: { status: 409, zh: '该消息已发送或正在发送，不能重新发送', en: 'This message was sent or is being sent; it cannot be retried' },
  LEDGER_FILE_INVALID: { status: 422, zh: '无法读取该文件，请上传Excel（.xlsx）格式的台账；.xls格式请先另存为.xlsx', en: 'The file cannot be read; upload the ledger as an Excel .xlsx file (save an .xls as .xlsx first)' },
  LEDGER_TOO_MANY_ROWS: { status: 422, zh: '台账行数超过上限，请按年度分文件导入', en: 'The ledger has too many rows; import it in yearly files' },
  LEDGER_IMPORT_ACCEPTED: { status: 409, zh: '该导入已确认过，不能重复导入', en: 'This import was already accepted' },
  LEDGER_IMPORT_EMPTY: { status: 422, zh: '没有可以导入的有效行，请先修改台账中的问题', en: 'No valid rows to import; correct the ledger first' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The submission is too large' },
  INTERNAL: { status: 500, zh: '系统内部错误，请联系管理员并提供请求编号', en: 'Internal error; contact the administrator with the request id' },
  UNAVAILABLE: { status: 503, zh: '系统暂时不可用，请稍后再试', en: 'The system is temporarily unavailable' },
  SERVICE_BUSY: { status: 503, zh: '系统繁忙，本次操作未能完成，请稍后重试', en: 'The system is busy and this operation was not completed; try again shortly' },
  DATABASE_UNAVAILABLE: { status: 503, zh: '数据库暂时无法连接，本次操作未能完成，请稍后重试；如持续出现，请联系管理员', en: 'The database cannot be reached and this operation was not completed; try again shortly, and tell the administrator if it persists' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown };
  requestId: string;
};

export const httpStatusOf = (code: ErrorCode): number => errorCatalogue[code].status;
