import { AuditAppend1765400000000 } from '../migrations/1765400000000-audit-append';
import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, SecurityModule } from '@onewindow/platform';
import { DOCUMENT_ISSUANCE_POLICY } from './document-issuance.policy';
import type { Logger } from 'pino';
import { InitialSchema1764288000000 } from '../migrations/1764288000000-initial-schema';
import { SignaturesAndRevocation1764374400000 } from '../migrations/1764374400000-signatures-and-revocation';
import { BundleDocuments1765100000000 } from '../migrations/1765100000000-bundle-documents';
import { AuditTrail1765200000000 } from '../migrations/1765200000000-audit-trail';
import { DocumentPlace1765300000000 } from '../migrations/1765300000000-document-place';
import type { DocumentIssuanceConfig } from './config/document-issuance.config';
import { DocumentsModule } from './documents/documents.module';
import { DocumentEntity } from './documents/infrastructure/document.entity';
import { HandoverEntity } from './documents/infrastructure/handover.entity';
import { HandoverModule } from './handover/handover.module';
import { IssuanceModule } from './issuance/issuance.module';
import { MatterEntity } from './matters/infrastructure/matter.entity';
import { MattersModule } from './matters/matters.module';
import { PdfModule } from './pdf/pdf.module';
import { RevocationModule } from './revocation/revocation.module';
import { DOCUMENT_ISSUANCE } from './service';
import { SigningKeyEntity } from './signing/infrastructure/signing-key.entity';
import { SigningModule } from './signing/signing.module';
import { VerificationModule } from './verification/verification.module';

@Module({})
export class AppModule {
  static forRoot(config: DocumentIssuanceConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SecurityModule.forRoot(DOCUMENT_ISSUANCE_POLICY),
        PlatformModule.forRoot({
          service: DOCUMENT_ISSUANCE.service,
          config,
          logger,
          entities: [MatterEntity, DocumentEntity, HandoverEntity, SigningKeyEntity],
          migrations: [InitialSchema1764288000000, SignaturesAndRevocation1764374400000, BundleDocuments1765100000000, AuditTrail1765200000000, DocumentPlace1765300000000, AuditAppend1765400000000],
        }),
        MattersModule,
        DocumentsModule,
        IssuanceModule,
        HandoverModule,
        VerificationModule,
        SigningModule,
        RevocationModule,
        PdfModule,
      ],
    };
  }
}
