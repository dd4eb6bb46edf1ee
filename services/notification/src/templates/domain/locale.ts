/** The languages messages are written in; zh-CN unless the applicant's contact asks for another. */
export const TEMPLATE_LOCALES = ['zh-CN', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];
export const DEFAULT_LOCALE: TemplateLocale = 'zh-CN';

export function localeOf(preference: string | null | undefined): TemplateLocale {
  return (TEMPLATE_LOCALES as readonly string[]).includes(preference ?? '') ? (preference as TemplateLocale) : DEFAULT_LOCALE;
}
