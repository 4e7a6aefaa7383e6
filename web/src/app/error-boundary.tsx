import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from './i18n.js';

interface State {
  readonly failed: boolean;
}

/**
 * Catches a rendering bug anywhere below it and shows a short apology with a reload button
 * instead of a blank page; the error goes to the console for whoever debugs it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" className="crash">
        <h1>{i18n.t('crash.title')}</h1>
        <p>{i18n.t('crash.text')}</p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {i18n.t('crash.reload')}
        </button>
      </main>
    );
  }
}
