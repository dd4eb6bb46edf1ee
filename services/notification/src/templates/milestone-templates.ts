import { defineTemplate } from './template';

// Wording follows the notices a service centre hands out: one subject tag per milestone, the case
// number in every subject, and what the applicant must do next in the body.
const FOOTER = '\n\n本消息由政务服务中心自动发送，请勿直接回复。咨询请拨打 12345 政务服务便民热线。';

export const Templates = {
  caseAccepted: defineTemplate(
    'case-accepted',
    '【受理通知】您的办件 {{caseNo}} 已受理',
    `{{applicantName}}，您好：

您申请的“{{matterName}}”（办件编号：{{caseNo}}）已于 {{acceptedDate}} 正式受理。
承诺办结日期：{{promisedDate}}。
办理过程中如需补正材料，我们将一次性告知您。${FOOTER}`,
  ),

  supplementRequired: defineTemplate(
    'case-supplement-required',
    '【一次性告知】您的办件 {{caseNo}} 需补正材料',
    `{{applicantName}}，您好：

您申请的“{{matterName}}”（办件编号：{{caseNo}}）经审查，需补正以下材料：
{{missingList}}

以上为需要补正的全部材料（一次性告知），请备齐后一并提交。补正期间办理时限暂停计算。${FOOTER}`,
  ),

  notAccepted: defineTemplate(
    'case-not-accepted',
    '【不予受理通知】您的办件 {{caseNo}} 不予受理',
    `{{applicantName}}，您好：

您申请的“{{matterName}}”（办件编号：{{caseNo}}）经审查，决定不予受理。
理由：{{reason}}
依据：{{legalBasis}}

如对本决定不服，可以依法申请行政复议或者提起行政诉讼。${FOOTER}`,
  ),

  decidedApproved: defineTemplate(
    'case-decided-approved',
    '【审批结果】您的办件 {{caseNo}} 已审批通过',
    `{{applicantName}}，您好：

您申请的“{{matterName}}”（办件编号：{{caseNo}}）已于 {{decidedDate}} 审批通过。
结果文书制发后，我们将通知您到综合窗口领取。${FOOTER}`,
  ),

  decidedDenied: defineTemplate(
    'case-decided-denied',
    '【审批结果】您的办件 {{caseNo}} 未予批准',
    `{{applicantName}}，您好：

您申请的“{{matterName}}”（办件编号：{{caseNo}}）经审查，于 {{decidedDate}} 决定不予批准。
理由：
{{reasonList}}

不予许可决定书制发后，我们将通知您到综合窗口领取。如对本决定不服，可以依法申请行政复议或者提起行政诉讼。${FOOTER}`,
  ),

  documentIssued: defineTemplate(
    'document-issued',
    '【领取通知】您的办件 {{caseNo}} 结果文书已可领取',
    `{{applicantName}}，您好：

您的办件（办件编号：{{caseNo}}）的结果文书“{{documentTitle}}”已制发，文书编号：{{documentNo}}。
请本人携带有效身份证件到政务服务中心综合窗口领取；委托他人代领的，代领人须携带授权委托书及本人有效身份证件。${FOOTER}`,
  ),

  documentHandedOver: defineTemplate(
    'document-handed-over',
    '【出件通知】您的办件 {{caseNo}} 结果文书已领取',
    `{{applicantName}}，您好：

您的办件（办件编号：{{caseNo}}）的结果文书（文书编号：{{documentNo}}）已于 {{handedOverAt}} 由{{collector}}在综合窗口领取。
如非您本人或您授权的代领人领取，请立即拨打 12345 反映。

欢迎您对本次服务作出评价（好差评）。${FOOTER}`,
  ),

  rectificationOpened: defineTemplate(
    'rectification-opened',
    '【差评整改】您对办件 {{caseNo}} 的评价已转承办部门整改',
    `{{applicantName}}，您好：

感谢您对“{{matterName}}”（办件编号：{{caseNo}}）的评价。您反映的问题已转交承办部门整改，
承办部门将于 {{deadlineDate}} 前答复您，整改情况将由政务服务管理部门回访核实。${FOOTER}`,
  ),

  rectificationResponded: defineTemplate(
    'rectification-responded',
    '【整改答复】您对办件 {{caseNo}} 反映的问题已有答复',
    `{{applicantName}}，您好：

您对“{{matterName}}”（办件编号：{{caseNo}}）反映的问题，承办部门答复如下：
{{response}}

政务服务管理部门将就整改情况回访您。${FOOTER}`,
  ),
} as const;
