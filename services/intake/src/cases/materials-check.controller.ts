import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { MatterCodeParam } from '../catalog/catalog.dto';
import { MaterialsCheckDto, MaterialsCheckView } from './cases.dto';
import { CheckMaterialsUseCase } from './check-materials.usecase';

@ApiTags('cases')
@Controller('api/v1/matters')
export class MaterialsCheckController {
  constructor(private readonly checkMaterials: CheckMaterialsUseCase) {}

  @Post(':code/materials-check')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check materials against the matter before registering a case; saves nothing' })
  @ApiOkResponse({ type: MaterialsCheckView })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json'])
  @ApiProblem(404, 'No such matter', ['matter-not-found'])
  @ApiProblem(422, 'The matter is retired', ['matter-retired'])
  check(@Param() p: MatterCodeParam, @Body() body: MaterialsCheckDto): Promise<MaterialsCheckView> {
    return this.checkMaterials.execute(p.code, body);
  }
}
