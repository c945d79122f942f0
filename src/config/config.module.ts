import { Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { allConfigs } from './configuration';

/** Loads every namespace once (cached) for typed injection with `@Inject(xConfig.KEY)`. */
@Module({
  imports: [
    NestConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      ignoreEnvFile: process.env.NODE_ENV === 'test' || process.env.JEST_WORKER_ID !== undefined,
      // Validation is parseEnv(), run by main.ts before anything else and by every namespace
      // factory, so a bad variable stops the boot with one message instead of at import time.
      load: allConfigs,
    }),
  ],
})
export class ConfigModule {}
