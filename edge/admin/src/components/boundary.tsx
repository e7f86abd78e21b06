import { Component, type ReactNode } from 'react';

/**
 * A page that fails to render shows a message in its place; the menu stays usable (a shape
 * the screen did not expect must not leave a blank window).
 */
export class PageBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="page">
          <h1>Trang gặp lỗi</h1>
          <p className="alert alert--error" role="alert">
            Không hiển thị được trang này. Hãy tải lại trang; nếu lỗi lặp lại, báo cho quản trị hệ
            thống. ({this.state.error})
          </p>
        </section>
      );
    }
    return this.props.children;
  }
}
