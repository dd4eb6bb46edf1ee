import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { BundleCodeParam, MatterCodeParam } from '../catalog/catalog.dto';
import { MaterialsCheckDto, MaterialsCheckView } from './cases.dto';
import { CheckMaterialsUseCase } from './check-materials.usecase';

@ApiTags('cases')
@Controller('api/v1')
export class MaterialsCheckController {
  constructor(private readonly checkMaterials: CheckMaterialsUseCase) {}

  @Post('matters/:code/materials-check')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check materials against the matter before registering a case; saves nothing' })
  @ApiOkResponse({ type: MaterialsCheckView })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json'])
  @ApiProblem(404, 'No such matter', ['matter-not-found'])
  @ApiProblem(422, 'The matter is retired', ['matter-retired'])
  check(@Param() p: MatterCodeParam, @Body() body: MaterialsCheckDto): Promise<MaterialsCheckView> {
    return this.checkMaterials.execute(p.code, body);
  }

  @Post('bundles/:code/materials-check')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Check materials against a bundle's one form (一件事: its matters' materials, once each) before registering; saves nothing",
  })
  @ApiOkResponse({ type: MaterialsCheckView, description: 'matter names the bundle' })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json'])
  @ApiProblem(404, 'No such bundle', ['bundle-not-found'])
  @ApiProblem(422, 'The bundle, or a matter of it, is not handled', ['bundle-retired', 'bundle-matter-unavailable'])
  checkBundle(@Param() p: BundleCodeParam, @Body() body: MaterialsCheckDto): Promise<MaterialsCheckView> {
    return this.checkMaterials.executeForBundle(p.code, body);
  }
}
