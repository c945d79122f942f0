import type { NestExpressApplication } from '@nestjs/platform-express';
import { Agent } from '../../../src/llm/agent/agent.types';
import { NluModule } from '../../../src/nlu/nlu.module';
import { LlmModule } from '../../../src/llm/llm.module';
import { LanguageUnderstanding } from '../../../src/nlu/nlu.types';
import { SportsApiModule } from '../../../src/sports-api/sports-api.module';
import { SportsApi } from '../../../src/sports-api/sports-api.port';
import { startAppWith } from '../app';
import { FakeAgent } from '../fake-agent';
import { FakeNlu } from './fake-nlu';
import { FakePortsModule } from './fake-ports.module';
import { FakeSportsApi } from './fake-sports-api';

export interface ChatTestApp {
  app: NestExpressApplication;
  url: string;
  agent: FakeAgent;
  nlu: FakeNlu;
  sports: FakeSportsApi;
  close(): Promise<void>;
}

/**
 * The whole production app (same bootstrap, validation, filter, prefix, Socket.IO adapter) on an
 * ephemeral loopback port, with our fakes behind the Agent, NLU and SportsApi ports. The fakes are
 * shared by reference so two instances can use one wallet.
 */
export async function startChatApp(
  options: { env?: Record<string, string | undefined>; agent?: FakeAgent; nlu?: FakeNlu; sports?: FakeSportsApi } = {},
): Promise<ChatTestApp> {
  const agent = options.agent ?? new FakeAgent();
  const nlu = options.nlu ?? new FakeNlu();
  const sports = options.sports ?? new FakeSportsApi();
  const running = await startAppWith(options.env ?? {}, (module) =>
    module
      // The real LLM and sports-API modules are swapped for one that only declares their ports.
      .overrideModule(LlmModule)
      .useModule(FakePortsModule)
      .overrideModule(NluModule)
      .useModule(FakePortsModule)
      .overrideModule(SportsApiModule)
      .useModule(FakePortsModule)
      .overrideProvider(Agent)
      .useValue(agent)
      .overrideProvider(LanguageUnderstanding)
      .useValue(nlu)
      .overrideProvider(SportsApi)
      .useValue(sports),
  );
  return { app: running.app, url: running.url, agent, nlu, sports, close: running.close };
}
