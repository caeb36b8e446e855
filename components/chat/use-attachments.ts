"use client";

import type { FileUIPart } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  ATTACHMENT_TYPES_LABEL,
  formatBytes,
  isAttachmentType,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from "@/lib/files/attachment-limits";
import { responseErrorMessage } from "@/lib/http/response-error-message";

/** One image in the composer: previewed at once (a blob: URL), uploaded in the background. */
export interface Attachment {
  id: string;
  name: string;
  /** blob: URL of the local file, or the stored file's URL once restored from an unsent message. */
  previewUrl: string;
  status: "uploading" | "ready";
  /** The file part to send, once uploaded. */
  part?: FileUIPart;
}

export interface Attachments {
  items: Attachment[];
  /** A problem with the last files added (type, size, count, upload), for the composer's alert. */
  error: string | null;
  uploading: boolean;
  add(files: Iterable<File>): void;
  remove(id: string): void;
  /** The uploaded images as file parts, for sendMessage. */
  readyParts(): FileUIPart[];
  /** Empties the tray after a send. */
  clear(): void;
  /** Puts back the images of a message the server never accepted. */
  restore(parts: FileUIPart[]): void;
  setError(message: string | null): void;
}

let nextId = 0;

/** The composer's attached images for chat `chatId`: checks, previews, uploads, removal. */
export function useAttachments(chatId: string): Attachments {
  const [items, setItems] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const revoke = useCallback((item: Attachment) => {
    if (item.previewUrl.startsWith("blob:")) URL.revokeObjectURL(item.previewUrl);
  }, []);

  // Previews made here are freed when the chat goes away.
  useEffect(() => () => itemsRef.current.forEach(revoke), [revoke]);

  const upload = useCallback(
    async (id: string, file: File) => {
      try {
        const response = await fetch(
          `/api/chats/${encodeURIComponent(chatId)}/attachments?name=${encodeURIComponent(file.name)}`,
          { method: "POST", headers: { "content-type": file.type }, body: file },
        );
        if (!response.ok) throw new Error(await responseErrorMessage(response));
        const { attachment } = (await response.json()) as {
          attachment: { url: string; mediaType: string; filename: string };
        };
        const part: FileUIPart = {
          type: "file",
          mediaType: attachment.mediaType,
          url: attachment.url,
          filename: attachment.filename,
        };
        setItems((current) =>
          current.map((item) => (item.id === id ? { ...item, status: "ready" as const, part } : item)),
        );
      } catch (failure) {
        setItems((current) => {
          const gone = current.find((item) => item.id === id);
          if (gone) revoke(gone);
          return current.filter((item) => item.id !== id);
        });
        const reason = failure instanceof Error ? failure.message : String(failure);
        setError(`Couldn't attach “${file.name}”: ${reason}`);
      }
    },
    [chatId, revoke],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      const problems: string[] = [];
      const accepted: Attachment[] = [];
      let room = MAX_ATTACHMENTS_PER_MESSAGE - itemsRef.current.length;
      for (const file of files) {
        if (!isAttachmentType(file.type)) {
          problems.push(`“${file.name}” isn't a ${ATTACHMENT_TYPES_LABEL} image.`);
        } else if (file.size > MAX_ATTACHMENT_BYTES) {
          problems.push(
            `“${file.name}” is ${formatBytes(file.size)}; images can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`,
          );
        } else if (room <= 0) {
          problems.push(
            `A message can have at most ${MAX_ATTACHMENTS_PER_MESSAGE} images; “${file.name}” was left out.`,
          );
        } else {
          room -= 1;
          nextId += 1;
          const item: Attachment = {
            id: `attachment-${nextId}`,
            name: file.name || "image",
            previewUrl: URL.createObjectURL(file),
            status: "uploading",
          };
          accepted.push(item);
          void upload(item.id, file);
        }
      }
      setError(problems.length > 0 ? problems.join(" ") : null);
      if (accepted.length > 0) setItems((current) => [...current, ...accepted]);
    },
    [upload],
  );

  const remove = useCallback(
    (id: string) => {
      setItems((current) => {
        const gone = current.find((item) => item.id === id);
        if (gone) revoke(gone);
        return current.filter((item) => item.id !== id);
      });
      setError(null);
    },
    [revoke],
  );

  const readyParts = useCallback(
    () => itemsRef.current.flatMap((item) => (item.status === "ready" && item.part ? [item.part] : [])),
    [],
  );

  const clear = useCallback(() => {
    itemsRef.current.forEach(revoke);
    setItems([]);
    setError(null);
  }, [revoke]);

  const restore = useCallback((parts: FileUIPart[]) => {
    if (parts.length === 0) return;
    setItems((current) => [
      ...current,
      ...parts.map((part): Attachment => {
        nextId += 1;
        return {
          id: `attachment-${nextId}`,
          name: part.filename ?? "image",
          previewUrl: part.url,
          status: "ready",
          part,
        };
      }),
    ]);
  }, []);

  return {
    items,
    error,
    uploading: items.some((item) => item.status === "uploading"),
    add,
    remove,
    readyParts,
    clear,
    restore,
    setError,
  };
}
