import type { JobHandler } from '../modules/jobs/jobs.service.ts';
import { SEND_EMAIL_JOB, makeSendEmailJob, smtpTransport, type MailTransport } from '../modules/outbox/outbox.service.ts';

/** Every background job by name. Later modules add theirs here. */
export function jobHandlers(transport?: MailTransport): Record<string, JobHandler> {
  let smtp: MailTransport | undefined = transport;
  return {
    [SEND_EMAIL_JOB]: makeSendEmailJob((ctx) => {
      if (!smtp && ctx.config.mail.smtpUrl) smtp = smtpTransport(ctx.config.mail.smtpUrl);
      return smtp;
    }),
  };
}
