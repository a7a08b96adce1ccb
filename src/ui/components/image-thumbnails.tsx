import { For, Show } from 'solid-js';
import { isShownImage } from '../../app/chat/image-attachments';
import type { ImagePart } from '../../core/types';
import { t } from './image-messages';
import { RemovableChip } from './removable-chip';
import './images.css';

export interface ImageThumbnailsProps {
  images: readonly ImagePart[];
  /** The list's accessible name. */
  label: string;
  /** When given, each image has a "Remove <name>" button. */
  onRemove?: (index: number) => void;
  /** Each image's text alternative; default its name. */
  alt?: (image: ImagePart, index: number) => string;
}

/** A row of small images: the composer's attachments (removable) or those of a sent message. */
export function ImageThumbnails(props: ImageThumbnailsProps) {
  return (
    <Show when={props.images.length > 0}>
      <ul class="image-thumbnails" aria-label={props.label}>
        <For each={props.images}>
          {(image, index) => (
            <RemovableChip
              buttonClass="image-remove"
              removeLabel={t('removeImage', { name: image.name ?? t('attachImage') })}
              onRemove={props.onRemove && (() => props.onRemove?.(index()))}
            >
              {/* Base64 data URLs of the accepted types only: a shown image never makes a request and is never SVG (a backup or a tool could hold any URL). */}
              <Show when={isShownImage(image)}>
                <img src={image.dataUrl} alt={props.alt?.(image, index()) ?? image.name ?? ''} title={image.name} />
              </Show>
            </RemovableChip>
          )}
        </For>
      </ul>
    </Show>
  );
}
