import { bind } from '../../server/context.ts';
import * as c from './intelligence.contract.ts';
import * as s from './intelligence.service.ts';

export const intelligenceRoutes = [
  bind(c.getConsentsRoute, (ctx, { params }) => s.getConsents(ctx, params.id)),
  bind(c.recordConsentRoute, (ctx, { params, body }) => s.recordConsent(ctx, params.id, body)),
  bind(c.withdrawConsentRoute, (ctx, { params }) => s.withdrawConsent(ctx, params.id)),
  bind(c.uploadTranscriptRoute, (ctx, { params, body }) => s.uploadTranscript(ctx, params.id, body)),
  bind(c.getTranscriptRoute, (ctx, { params, query }) => s.getTranscript(ctx, params.id, query.redact === 'true')),
  bind(c.saveSpeakersRoute, (ctx, { params, body }) => s.saveSpeakers(ctx, params.id, body)),
  bind(c.summarizeTranscriptRoute, (ctx, { params }) => s.summarizeTranscript(ctx, params.id)),
  bind(c.deleteTranscriptRoute, (ctx, { params }) => s.deleteTranscript(ctx, params.id)),
  bind(c.searchTranscriptsRoute, (ctx, { query }) => s.searchTranscripts(ctx, query)),
  bind(c.getIntelligenceSettingsRoute, (ctx) => s.getIntelligenceSettings(ctx)),
  bind(c.updateIntelligenceSettingsRoute, (ctx, { body }) => s.updateIntelligenceSettings(ctx, body)),
];
