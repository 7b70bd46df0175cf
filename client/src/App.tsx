import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Route, Routes, useParams } from 'react-router';
import { normalizeCode } from './lib/sessions.ts';
import { StartPage } from './start/StartPage.tsx';

// Each surface is its own chunk: a phone never downloads the moderator console or the QR encoder.
const AttendeeApp = lazy(() => import('./attendee/AttendeeApp.tsx'));
const ScreenApp = lazy(() => import('./screen/ScreenApp.tsx'));
const ModeratorApp = lazy(() => import('./moderator/shell/ModeratorApp.tsx'));
const SpeakerApp = lazy(() => import('./speaker/SpeakerApp.tsx'));
const AdminApp = lazy(() => import('./admin/AdminApp.tsx'));

type Surface = typeof AttendeeApp;

/** Reads the join code once and remounts the surface when it changes. */
function WithCode({ surface: Surface }: { surface: Surface }) {
  const { code = '' } = useParams();
  const normalized = normalizeCode(code);
  return <Surface key={normalized} code={normalized} />;
}

function NotFound() {
  return (
    <main className="page-message">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Enter an event code</Link>
      </p>
    </main>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Suspense
        fallback={
          <p className="page-message" role="status">
            Loading…
          </p>
        }
      >
        <Routes>
          <Route path="/" element={<StartPage />} />
          {/* The organiser: /admin#token=bca_… */}
          <Route path="/admin" element={<AdminApp />} />
          <Route path="/e/:code" element={<WithCode surface={AttendeeApp} />} />
          <Route path="/e/:code/screen" element={<WithCode surface={ScreenApp} />} />
          {/* A room's own screen, named after the room: /e/CODE/screen/Hall%20B */}
          <Route path="/e/:code/screen/:name" element={<WithCode surface={ScreenApp} />} />
          <Route path="/e/:code/moderate" element={<WithCode surface={ModeratorApp} />} />
          <Route path="/e/:code/speaker" element={<WithCode surface={SpeakerApp} />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
