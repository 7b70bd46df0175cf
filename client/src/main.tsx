import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Foundations first, so each surface's own stylesheet (loaded with it) can build on them.
import './styles/base.css';
import './styles/controls.css';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
