import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createApiClient } from './api/client.js';
import { ApiProvider } from './api/context.js';
import { createAppStore } from './stores/app-store.js';
import { StoreProvider } from './stores/store-context.js';
import './styles/index.css';

const client = createApiClient();
const store = createAppStore(client.api);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ApiProvider client={client}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </ApiProvider>
  </StrictMode>,
);
