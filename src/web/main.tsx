import './components/styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './app/router.tsx';
import { queryClient } from './lib/query-client.ts';
import { metaQuery, sessionQuery } from './lib/session.ts';

// Both are needed by nearly every first page; start them before React renders.
void queryClient.prefetchQuery(metaQuery);
void queryClient.prefetchQuery(sessionQuery);

const router = createAppRouter();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
