"use client";

import { type FormEvent, useId, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { CatalogModel } from "@/lib/ai/catalog";
import { type ApprovalToolName, TOOLS_NEEDING_APPROVAL } from "@/lib/ai/tools/tool-approval";
import { toolLabel } from "@/lib/ai/tools/tool-labels";
import { type ChatSettings, DEFAULT_CHAT_SETTINGS, SETTINGS_LIMITS } from "@/lib/chat/chat-settings";

export interface ChatSettingsDialogProps {
  settings: ChatSettings;
  model: CatalogModel;
  /** Resolves to an error message to show, or null once saved. */
  onSave(settings: ChatSettings): Promise<string | null>;
  onClose(): void;
}

interface Draft {
  systemPrompt: string;
  temperature: string;
  maxOutputTokens: string;
  reasoningEffort: ChatSettings["reasoningEffort"];
  alwaysAllowTools: ApprovalToolName[];
}

function draftOf(settings: ChatSettings): Draft {
  return {
    systemPrompt: settings.systemPrompt,
    temperature: settings.temperature === null ? "" : String(settings.temperature),
    maxOutputTokens: String(settings.maxOutputTokens),
    reasoningEffort: settings.reasoningEffort,
    alwaysAllowTools: [...settings.alwaysAllowTools],
  };
}

type Problems = Partial<Record<"temperature" | "maxOutputTokens", string>>;

/** Checks the form the way the server will, so mistakes show next to their field. */
function parseDraft(draft: Draft): { settings?: ChatSettings; problems: Problems } {
  const problems: Problems = {};
  const { temperature: t, maxOutputTokens: m } = SETTINGS_LIMITS;
  let temperature: number | null = null;
  if (draft.temperature.trim() !== "") {
    temperature = Number(draft.temperature);
    if (!Number.isFinite(temperature) || temperature < t.min || temperature > t.max) {
      problems.temperature = `Use a number from ${t.min} to ${t.max}, or leave it empty for the model's default.`;
    }
  }
  const maxOutputTokens = Number(draft.maxOutputTokens);
  if (!Number.isInteger(maxOutputTokens) || maxOutputTokens < m.min || maxOutputTokens > m.max) {
    problems.maxOutputTokens = `Use a whole number from ${m.min} to ${m.max}.`;
  }
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    settings: {
      systemPrompt: draft.systemPrompt.trim(),
      temperature,
      maxOutputTokens,
      reasoningEffort: draft.reasoningEffort,
      alwaysAllowTools: draft.alwaysAllowTools,
    },
  };
}

const field =
  "w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-zinc-500 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-950";

/** Per-chat settings: instructions for the model, temperature, reply length and reasoning effort. */
export function ChatSettingsDialog({ settings, model, onSave, onClose }: ChatSettingsDialogProps) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [problems, setProblems] = useState<Problems>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDraft(draft);
    setProblems(parsed.problems);
    if (!parsed.settings) return;
    setSaving(true);
    const error = await onSave(parsed.settings);
    setSaving(false);
    // On a server error the dialog stays open with everything as typed.
    if (error) setSaveError(error);
    else onClose();
  }

  const { systemPromptChars } = SETTINGS_LIMITS;
  return (
    <ModalDialog labelledBy={`${id}-heading`} onClose={onClose} className="w-[min(34rem,calc(100vw-1rem))] p-0">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 p-5">
        <h2 id={`${id}-heading`} className="font-semibold text-base">
          Chat settings
        </h2>

        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-prompt`} className="font-medium text-sm">
            System prompt
          </label>
          <textarea
            id={`${id}-prompt`}
            rows={5}
            maxLength={systemPromptChars}
            value={draft.systemPrompt}
            onChange={(event) => setDraft({ ...draft, systemPrompt: event.target.value })}
            aria-describedby={`${id}-prompt-hint`}
            placeholder="For example: Answer in French. Keep replies short."
            className={field}
          />
          <p id={`${id}-prompt-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
            Extra instructions the model follows in this chat. {draft.systemPrompt.length} / {systemPromptChars}
          </p>
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-temperature`} className="font-medium text-sm">
              Temperature
            </label>
            <input
              id={`${id}-temperature`}
              type="number"
              inputMode="decimal"
              step="0.1"
              min={SETTINGS_LIMITS.temperature.min}
              max={SETTINGS_LIMITS.temperature.max}
              value={draft.temperature}
              placeholder="Model default"
              onChange={(event) => setDraft({ ...draft, temperature: event.target.value })}
              aria-invalid={problems.temperature ? true : undefined}
              aria-describedby={`${id}-temperature-hint`}
              className={field}
            />
            <p
              id={`${id}-temperature-hint`}
              className={`text-xs ${problems.temperature ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
            >
              {problems.temperature ?? "0 is focused, 2 is adventurous. Empty: the model's default."}
            </p>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-max-tokens`} className="font-medium text-sm">
              Max output tokens
            </label>
            <input
              id={`${id}-max-tokens`}
              type="number"
              inputMode="numeric"
              step="1"
              min={SETTINGS_LIMITS.maxOutputTokens.min}
              max={SETTINGS_LIMITS.maxOutputTokens.max}
              value={draft.maxOutputTokens}
              onChange={(event) => setDraft({ ...draft, maxOutputTokens: event.target.value })}
              aria-invalid={problems.maxOutputTokens ? true : undefined}
              aria-describedby={`${id}-max-tokens-hint`}
              className={field}
            />
            <p
              id={`${id}-max-tokens-hint`}
              className={`text-xs ${problems.maxOutputTokens ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
            >
              {problems.maxOutputTokens ?? "The longest reply the model may write."}
            </p>
          </div>
        </div>

        {model.reasoningEffort && (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-effort`} className="font-medium text-sm">
              Reasoning effort
            </label>
            <select
              id={`${id}-effort`}
              value={draft.reasoningEffort ?? ""}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  reasoningEffort: (event.target.value || null) as ChatSettings["reasoningEffort"],
                })
              }
              className={field}
            >
              <option value="">Model default</option>
              <option value="low">Low (fastest)</option>
              <option value="medium">Medium</option>
              <option value="high">High (most thorough)</option>
            </select>
          </div>
        )}

        {model.functionCalling && (
          <fieldset className="flex flex-col gap-1">
            <legend className="font-medium text-sm">Run without asking</legend>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              These tools act on the outside world or cost money, so each call waits for your approval unless allowed
              here.
            </p>
            {TOOLS_NEEDING_APPROVAL.map((toolName) => (
              <label key={toolName} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={draft.alwaysAllowTools.includes(toolName)}
                  onChange={(event) =>
                    setDraft({
                      ...draft,
                      alwaysAllowTools: event.target.checked
                        ? [...draft.alwaysAllowTools, toolName]
                        : draft.alwaysAllowTools.filter((name) => name !== toolName),
                    })
                  }
                />
                {toolLabel(toolName)}
              </label>
            ))}
          </fieldset>
        )}

        {saveError && (
          <p role="alert" className="text-red-700 text-sm dark:text-red-400">
            {saveError}
          </p>
        )}

        <div className="flex flex-wrap items-center justify-between gap-2">
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf(DEFAULT_CHAT_SETTINGS));
              setProblems({});
            }}
            className="rounded-lg px-3 py-1.5 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Reset to defaults
          </button>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={onClose}
              className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={saving}
              className="rounded-lg bg-orange-700 px-3 py-1.5 font-medium text-sm text-white hover:bg-orange-800 disabled:opacity-60"
            >
              {saving ? "Saving…" : "Save"}
            </button>
          </div>
        </div>
      </form>
    </ModalDialog>
  );
}
