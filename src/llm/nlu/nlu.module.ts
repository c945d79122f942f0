import { Module } from '@nestjs/common';
import { NluService } from './nlu.service';
import { LanguageUnderstanding } from './nlu.types';

/**
 * Local language understanding. The app calls `NluService.useCatalogue()` once the sports API's
 * catalogue is known; until then names resolve against an empty catalogue.
 */
@Module({
  providers: [NluService, { provide: LanguageUnderstanding, useExisting: NluService }],
  exports: [NluService, LanguageUnderstanding],
})
export class NluModule {}
