import { For } from 'solid-js';
import { t } from './messages';

export interface PageNavProps {
  items: readonly { id: string; label: string }[];
  current: string;
  onSelect: (id: string) => void;
}

/** The header's page links: real links to `#/<id>`, the current one marked for assistive tech. */
export function PageNav(props: PageNavProps) {
  return (
    <nav class="page-nav" aria-label={t('pages')}>
      <For each={props.items}>
        {(item) => (
          <a
            href={item.id === 'chat' ? '#/' : `#/${item.id}`}
            aria-current={props.current === item.id ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              props.onSelect(item.id);
            }}
          >
            {item.label}
          </a>
        )}
      </For>
    </nav>
  );
}
