import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppErrorBoundary } from './app/error-boundary';
import { AppProviders, createAppClients } from './app/providers';
import { createAppRouter } from './app/router';
import './styles.css';

const clients = createAppClients();
const router = createAppRouter({ trpc: clients.utils });
// Match the URL now, before React renders: the page's chunk and its data (route loaders) download
// while the shell renders. RouterProvider does not load again a location already loading.
router.load().catch(console.error);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppErrorBoundary>
      <AppProviders clients={clients}>
        <RouterProvider router={router} />
      </AppProviders>
    </AppErrorBoundary>
  </StrictMode>,
);
