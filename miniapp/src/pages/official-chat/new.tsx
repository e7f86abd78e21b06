import '../field-reports/reports.css';
import './chat.css';
import { type FormEvent, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { useT } from '../../i18n/use-t';
import { chatClient } from '../../services/chat/client';
import type { DirectoryEntry } from '../../services/chat/types';
import { officialState } from '../../state/official';
import { LoadingBlock, Notice } from '../field-reports/components/states';
import { CHAT_ROUTE, ChatFrame, DirectoryPicker } from './parts';

/** A new conversation: one official (direct) or a named group of several. */
export default function NewChatPage() {
  const t = useT();
  const navigate = useNavigate();
  const { ready, link } = useRecoilValue(officialState);
  const [tab, setTab] = useState<'direct' | 'group'>('direct');
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<DirectoryEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // One id per screen: a second tap on a slow network makes one group, not two.
  const [groupKey] = useState(() => crypto.randomUUID());

  const open = (roomId: string) => navigate(`${CHAT_ROUTE}/r/${roomId}`, { replace: true });

  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      open(await action());
    } catch (err) {
      setProblem((err as { message?: string }).message ?? String(err));
    } finally {
      setBusy(false);
    }
  };

  const direct = (official: DirectoryEntry) =>
    void run(async () => {
      const created = await chatClient.createRoom({ kind: 'direct', officialId: official.id });
      return created.room.id;
    });

  const toggle = (official: DirectoryEntry) =>
    setMembers((list) =>
      list.some((m) => m.id === official.id)
        ? list.filter((m) => m.id !== official.id)
        : [...list, official],
    );

  const group = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await chatClient.createRoom({
        kind: 'group',
        title: title.trim(),
        memberIds: members.map((m) => m.id),
        clientId: groupKey,
      });
      return created.room.id;
    });
  };

  return (
    <ChatFrame title={t('chat.new.title')} parent={CHAT_ROUTE}>
      <main className="oc-main">
        {!ready ? <LoadingBlock /> : null}
        {ready && !link ? <Notice tone="warning">{t('chat.gate.lead')}</Notice> : null}
        {ready && link ? (
          <>
            <div className="oc-tabs" role="tablist">
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'direct'}
                className={tab === 'direct' ? 'is-active' : ''}
                onClick={() => setTab('direct')}
              >
                {t('chat.new.direct')}
              </button>
              <button
                type="button"
                role="tab"
                aria-selected={tab === 'group'}
                className={tab === 'group' ? 'is-active' : ''}
                onClick={() => setTab('group')}
              >
                {t('chat.new.group')}
              </button>
            </div>
            {problem ? <Notice tone="error">{problem}</Notice> : null}
            {tab === 'direct' ? (
              <section className="card oc-section">
                <p className="oc-hint">{t('chat.new.directHint')}</p>
                <DirectoryPicker onPick={direct} />
              </section>
            ) : (
              <form className="card oc-section" onSubmit={group}>
                <label className="rp-field">
                  <span className="rp-field__label">{t('chat.new.groupName')}</span>
                  <input
                    className="rp-input"
                    value={title}
                    maxLength={100}
                    placeholder={t('chat.new.groupPlaceholder')}
                    onChange={(e) => setTitle(e.target.value)}
                  />
                </label>
                {members.length > 0 ? (
                  <ul className="oc-chips">
                    {members.map((m) => (
                      <li key={m.id} className="oc-chip">
                        {m.fullName}
                        <button
                          type="button"
                          aria-label={t('chat.new.remove', { name: m.fullName })}
                          onClick={() => toggle(m)}
                        >
                          ×
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="oc-hint">{t('chat.new.pickMembers')}</p>
                )}
                <DirectoryPicker onPick={toggle} picked={new Set(members.map((m) => m.id))} />
                <Button
                  htmlType="submit"
                  fullWidth
                  loading={busy}
                  disabled={busy || !title.trim() || members.length === 0}
                >
                  {t('chat.new.create', { count: members.length + 1 })}
                </Button>
              </form>
            )}
          </>
        ) : null}
      </main>
    </ChatFrame>
  );
}
