/** zhangsan@example.org → z***@example.org: the applicant recognises it, a reader of the log learns nothing. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Mobile 13800000000 → 138****0000; other numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(7)}`;
  if (national.length <= 2) return '***';
  return `${'*'.repeat(national.length - 2)}${national.slice(-2)}`;
}

/** Webhook subscriber as shown in logs and events: no credentials, query or fragment (they may hold tokens). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '***';
  }
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Mainland mobile numbers, optionally with +86, as they appear in free text.
const MOBILE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

/** Error texts (an SMTP server's "550 <x@y.org> unknown") may quote the address: masked before keeping or logging them. */
export function redactContactData(text: string): string {
  return text.replace(EMAIL, (m) => maskEmail(m)).replace(MOBILE, (m) => maskPhone(m));
}
