import { HttpStatus, Injectable } from '@nestjs/common';
import { maskIdNumber } from '@onewindow/domain';
import { renderReportPdf } from '@onewindow/pdf';
import { ProblemException } from '@onewindow/platform';
import { CaseQueries } from '../cases/case-queries';
import { CatalogRepository } from '../catalog/catalog.repository';
import { acceptanceReceiptForm, supplementNoticeForm } from './domain/printed-forms';

export interface PrintedForm {
  filename: string;
  pdf: Buffer;
}

/** The papers the window hands over: the one-time notice and the acceptance receipt, as PDF. */
@Injectable()
export class PrintFormsUseCase {
  constructor(
    private readonly cases: CaseQueries,
    private readonly catalog: CatalogRepository,
  ) {}

  /** Same access and audit as reading the notice; 404 when the case never needed one. */
  async supplementNotice(id: string): Promise<PrintedForm> {
    const notice = await this.cases.supplementNotice(id);
    return { filename: `notice-${notice.caseNo}.pdf`, pdf: await renderReportPdf(supplementNoticeForm(notice)) };
  }

  /** 受理回执 of an accepted case; the id number is printed masked whoever prints it. */
  async receipt(id: string): Promise<PrintedForm> {
    const c = await this.cases.get(id);
    if (!c.acceptedAt || !c.promisedDate) throw new ProblemException('case-not-accepted', 'The case has not been accepted', HttpStatus.CONFLICT, `case ${c.caseNo} is ${c.status}: there is no receipt to print`);
    const matter = await this.catalog.findVersion(c.matter.code, c.matter.version);
    const form = acceptanceReceiptForm({
      ...c,
      departmentName: matter?.definition.departmentName ?? c.matter.departmentCode,
      applicant: { name: c.applicant.name, idNumber: c.applicant.idNumber.includes('*') ? c.applicant.idNumber : maskIdNumber(c.applicant.idNumber) },
    });
    return { filename: `receipt-${c.caseNo}.pdf`, pdf: await renderReportPdf(form) };
  }
}
