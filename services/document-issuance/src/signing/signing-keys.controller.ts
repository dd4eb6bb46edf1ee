import { createPublicKey } from 'node:crypto';
import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { DocumentSigner } from './document-signer';
import { DepartmentParams, KeySetDto, PublishedKeyDto } from './dto/signing-key.dto';
import type { SigningKeyEntity } from './infrastructure/signing-key.entity';
import { SigningKeyRepository } from './infrastructure/signing-key.repository';

function publish(k: SigningKeyEntity): PublishedKeyDto {
  const jwk = createPublicKey({
    key: Buffer.from(k.publicKey, 'base64'),
    format: 'der',
    type: 'spki',
  }).export({
    format: 'jwk',
  });
  return {
    kid: k.kid,
    kty: 'OKP',
    crv: 'Ed25519',
    alg: 'EdDSA',
    use: 'sig',
    x: String(jwk.x),
    department: k.departmentCode,
    status: k.status,
    validFrom: k.validFrom.toISOString(),
    ...(k.validTo ? { validTo: k.validTo.toISOString() } : {}),
  };
}

@ApiTags('signing-keys')
@Controller('api/v1/signing-keys')
export class SigningKeysController {
  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly signer: DocumentSigner,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every public key that ever signed a document (public, JWKS-like)',
    description:
      'Verify a document offline with the key its signature names (kid); see the service README for the signed format.',
  })
  @ApiOkResponse({ type: KeySetDto })
  @ApiProblem(500, 'Unexpected failure', ['internal-error'])
  async list(): Promise<KeySetDto> {
    return { keys: (await this.keys.all()).map(publish) };
  }

  @Post(':department/rotation')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Rotate a department’s signing key (operators)',
    description:
      'Makes a new active key; the previous one is retired and stays published, so documents it signed still verify. ' +
      'A department gets its first key with its first issued document.',
  })
  @ApiCreatedResponse({ type: PublishedKeyDto, description: 'The new active key' })
  @ApiProblem(400, 'Not a department code', ['validation-error'])
  @ApiProblem(404, 'The department has no key yet (no document issued for it)', ['signing-key-not-found'])
  @ApiProblem(409, 'A concurrent rotation won', ['rotation-conflict'])
  async rotate(@Param() params: DepartmentParams): Promise<PublishedKeyDto> {
    return publish(await this.signer.rotate(params.department.toUpperCase()));
  }
}
