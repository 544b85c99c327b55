import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withResponseSchemas } from './response-schemas';
import { withValidatorConstraints } from './validator-constraints';

export function serveOpenApi(app: INestApplication, prefix: string): void {
  const config = new DocumentBuilder()
    .setTitle('Grappes API')
    .setDescription("The platform of the French watchmaking federation's business clusters (grappes d'entreprises)")
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = withResponseSchemas(withValidatorConstraints(SwaggerModule.createDocument(app, config)));
  SwaggerModule.setup(`${prefix}/docs`, app, document, { jsonDocumentUrl: `${prefix}/docs-json` });
}
