import type { QueryClient } from '@tanstack/react-query';
import { getConsentsRoute, getTranscriptRoute, type TranscriptView } from '../../../modules/intelligence/intelligence.contract.ts';
import { api, isApiError } from '../../lib/api.ts';

/** Query keys of interview intelligence: `['transcript', id]` prefixes both views of one interview's transcript. */
export const transcriptKey = (interviewId: string, redacted = false) => ['transcript', interviewId, redacted ? 'redacted' : 'full'] as const;
export const consentsKey = (interviewId: string) => ['transcript-consents', interviewId] as const;
export const intelligenceSettingsKey = ['intelligence-settings'] as const;

/** The interview's transcript with its analysis; null when it has none (404). */
export function transcriptQuery(interviewId: string, redacted = false) {
  return {
    queryKey: transcriptKey(interviewId, redacted),
    queryFn: async (): Promise<TranscriptView | null> => {
      try {
        return await api(getTranscriptRoute, { params: { id: interviewId }, query: { redact: redacted ? 'true' : 'false' } });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
  };
}

export function consentsQuery(interviewId: string) {
  return { queryKey: consentsKey(interviewId), queryFn: () => api(getConsentsRoute, { params: { id: interviewId } }) };
}

/** Puts what the server answered after an upload or a speaker change in the cache; the blind view is read again. */
export async function adoptTranscript(client: QueryClient, interviewId: string, view: TranscriptView | null): Promise<void> {
  client.setQueryData(transcriptKey(interviewId, false), view);
  if (view === null) client.setQueryData(transcriptKey(interviewId, true), null);
  else await client.invalidateQueries({ queryKey: transcriptKey(interviewId, true) });
}
