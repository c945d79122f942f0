import { Module, RequestMethod } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { appConfig, secretValues } from '../../config/configuration';
import { assignCorrelationId } from '../http/correlation-id';
import { SecretScrubber } from './secret-scrubber';

const QUIET_ROUTES = /^\/(health|metrics|favicon\.ico)(\/|\?|$)/;

/** One JSON line per event, correlation id on every request line, secrets never printed. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => {
        const scrubber = new SecretScrubber(secretValues());
        const pretty = app.environment === 'development' && process.stdout.isTTY;
        return {
          // Nest 11 path syntax: the library's default ('*') is rewritten with a warning at every boot.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: app.logLevel,
            genReqId: assignCorrelationId,
            customAttributeKeys: { reqId: 'correlation_id' },
            autoLogging: { ignore: (req) => QUIET_ROUTES.test(req.url ?? '') },
            redact: {
              paths: [
                'req.headers["x-api-key"]',
                'req.headers.authorization',
                'req.headers.token',
                'req.headers.cookie',
                'req.query.api_key',
              ],
              censor: '[REDACTED]',
            },
            // One short line per request: what was asked and how it ended, not every header both ways.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: scrubber.scrub(req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            hooks: {
              // Last line of defence: any configured secret inside any log argument is replaced.
              logMethod(args, method) {
                method.apply(this, scrubber.scrubArgs(args) as Parameters<typeof method>);
              },
            },
            transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
        };
      },
    }),
  ],
})
export class LoggingModule {}
