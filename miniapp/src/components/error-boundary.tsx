import { Component, type ErrorInfo, type ReactNode } from 'react';
import { vi } from '../i18n/vi';

type State = { failed: boolean };

/**
 * Last resort for a rendering bug: a sentence and a reload button instead of a white
 * screen. Vietnamese only, because the language state may be what broke.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Render failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="crash" role="alert">
        <p>{vi['error.unexpected']}</p>
        <button type="button" className="crash__reload" onClick={() => window.location.reload()}>
          Tải lại
        </button>
      </div>
    );
  }
}
