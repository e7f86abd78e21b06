import { useEffect, useRef } from 'react';

// The editors' rich text field (articles, policies, projects, procedures): a contentEditable
// area with a small toolbar. What it emits is only a draft: the API sanitises every body
// (edge/src/content/rich-text.ts) and stores that, so the page shows what was saved after
// a reload, never the editor's raw markup.

interface RichTextEditorProps {
  id?: string;
  value: string;
  onChange: (html: string) => void;
  /** The accessible name of the editing area. */
  label: string;
  minHeight?: number;
  disabled?: boolean;
}

const TOOLS: { command: string; arg?: string; title: string; text: string }[] = [
  { command: 'bold', title: 'In đậm', text: 'B' },
  { command: 'italic', title: 'In nghiêng', text: 'I' },
  { command: 'formatBlock', arg: 'h3', title: 'Tiêu đề mục', text: 'H' },
  { command: 'formatBlock', arg: 'p', title: 'Đoạn văn', text: '¶' },
  { command: 'insertUnorderedList', title: 'Danh sách', text: '•' },
  { command: 'insertOrderedList', title: 'Danh sách đánh số', text: '1.' },
  { command: 'formatBlock', arg: 'blockquote', title: 'Trích dẫn', text: '“”' },
];

export function RichTextEditor({
  id,
  value,
  onChange,
  label,
  minHeight = 200,
  disabled = false,
}: RichTextEditorProps) {
  const area = useRef<HTMLDivElement>(null);

  // The DOM is the editing state; it is replaced only when the value changes from outside
  // (a loaded or reloaded record), so the caret does not jump while typing.
  useEffect(() => {
    const el = area.current;
    if (el && el.innerHTML !== value) el.innerHTML = value;
  }, [value]);

  const emit = () => {
    if (area.current) onChange(area.current.innerHTML);
  };

  const run = (command: string, arg?: string) => {
    area.current?.focus();
    // execCommand is deprecated but remains the only editing API every browser implements
    // for contentEditable; the few commands used here are stable.
    document.execCommand(command, false, arg);
    emit();
  };

  const link = () => {
    const href = window.prompt('Địa chỉ liên kết (https://…)', 'https://');
    if (href && /^(https?:\/\/|mailto:|tel:)/i.test(href.trim())) run('createLink', href.trim());
  };

  return (
    <div className={`rte${disabled ? ' is-disabled' : ''}`}>
      <div className="rte__toolbar" role="toolbar" aria-label={`Định dạng: ${label}`}>
        {TOOLS.map((tool) => (
          <button
            key={`${tool.command}-${tool.arg ?? ''}`}
            type="button"
            className="rte__tool"
            title={tool.title}
            aria-label={tool.title}
            disabled={disabled}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(tool.command, tool.arg)}
          >
            {tool.text}
          </button>
        ))}
        <button
          type="button"
          className="rte__tool"
          title="Chèn liên kết"
          aria-label="Chèn liên kết"
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={link}
        >
          🔗
        </button>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: formatted text cannot live in a textarea */}
      <div
        id={id}
        ref={area}
        className="rte__area rich-text"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={0}
        contentEditable={!disabled}
        suppressContentEditableWarning
        style={{ minHeight }}
        onInput={emit}
        onBlur={emit}
      />
    </div>
  );
}
