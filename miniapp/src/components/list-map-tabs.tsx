import { AppIcon } from './app-icon';

// The "Danh sách | Bản đồ" switch of the screens that show places both ways (field reports,
// environment stations). Callers register the two icons (zi-list-1, zi-location).

export function ListMapTabs(props: {
  view: 'list' | 'map';
  onChange: (view: 'list' | 'map') => void;
  listLabel: string;
  mapLabel: string;
}) {
  const tab = (view: 'list' | 'map', icon: 'zi-list-1' | 'zi-location', label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={props.view === view}
      className={props.view === view ? 'feed-tab is-active' : 'feed-tab'}
      onClick={() => props.onChange(view)}
    >
      <AppIcon icon={icon} size={20} />
      {label}
    </button>
  );
  return (
    <div className="feed-tabs" role="tablist">
      {tab('list', 'zi-list-1', props.listLabel)}
      {tab('map', 'zi-location', props.mapLabel)}
    </div>
  );
}
