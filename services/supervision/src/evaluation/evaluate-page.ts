/**
 * The page behind the evaluation link (`/evaluate/{caseId}?t=<token>`): five choices, a reason that
 * becomes required below 3, sent as JSON to the REST endpoint. No script from elsewhere.
 */
export function evaluatePage(caseId: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政务服务评价（好差评）</title>
<style>
  body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 34rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
  h1 { font-size: 1.4rem; }
  fieldset { border: 1px solid #d1d5db; border-radius: .5rem; padding: 1rem; }
  label.choice { display: block; padding: .35rem 0; font-size: 1.05rem; }
  textarea { width: 100%; min-height: 6rem; font: inherit; }
  button { margin-top: 1rem; padding: .6rem 1.6rem; font-size: 1rem; background: #b91c1c; color: #fff; border: 0; border-radius: .4rem; }
  #result { margin-top: 1rem; font-weight: bold; }
  .hint { color: #6b7280; font-size: .9rem; }
</style>
</head>
<body>
<h1>政务服务评价（好差评）</h1>
<p>办件 <code id="case">${caseId}</code>：请对本次服务作出评价。</p>
<form id="form">
  <fieldset>
    <legend>总体评价</legend>
    <label class="choice"><input type="radio" name="score" value="5" required> 非常满意</label>
    <label class="choice"><input type="radio" name="score" value="4"> 满意</label>
    <label class="choice"><input type="radio" name="score" value="3"> 基本满意</label>
    <label class="choice"><input type="radio" name="score" value="2"> 不满意</label>
    <label class="choice"><input type="radio" name="score" value="1"> 非常不满意</label>
  </fieldset>
  <p><label for="reason">意见和建议</label> <span class="hint" id="reason-hint">（选择“不满意”或“非常不满意”时必填）</span></p>
  <textarea id="reason" name="reason" maxlength="1000"></textarea>
  <button type="submit">提交评价</button>
</form>
<p id="result" role="status"></p>
<script>
  const caseId = document.getElementById('case').textContent;
  const token = new URLSearchParams(location.search).get('t') || '';
  const form = document.getElementById('form');
  const reason = document.getElementById('reason');
  form.addEventListener('change', () => {
    const s = Number(new FormData(form).get('score'));
    reason.required = s > 0 && s < 3;
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const score = Number(new FormData(form).get('score'));
    const body = { score, token };
    if (reason.value.trim()) body.reason = reason.value.trim();
    const out = document.getElementById('result');
    const r = await fetch('/api/v1/cases/' + encodeURIComponent(caseId) + '/evaluations', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await r.json().catch(() => ({}));
    if (r.ok) {
      form.hidden = true;
      out.textContent = '感谢您的评价！' + (answer.rectification ? '您反映的问题已转交部门整改，整改期限至 ' + answer.rectification.deadline + '。' : '');
    } else {
      out.textContent = answer.title ? answer.title + (answer.detail ? '：' + answer.detail : '') : '提交失败，请稍后再试。';
    }
  });
</script>
</body>
</html>
`;
}
