import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n';

interface Props {
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** A failure while drawing one panel shows a message in its place instead of a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel error-panel" role="alert">
        <strong>{i18n.t('errors.title')}</strong>
        <p>{i18n.t('errors.render', { message: this.state.error.message })}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {i18n.t('errors.reload')}
        </button>
      </div>
    );
  }
}
