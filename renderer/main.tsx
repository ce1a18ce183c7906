import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { httpBackend } from './backend/http';
import { ipcBackend } from './backend/ipc';
import './styles.css';
import './features/import/import.css';

// Inside Electron the preload put a bridge on window; in a browser the page talks to the loopback host.
const backend = window.crosscheck ? ipcBackend(window.crosscheck) : httpBackend();
createRoot(document.getElementById('root')!).render(<App backend={backend} />);
