import type { ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { FieldProblem } from '../../../shared/setup';
import { useT } from '../../store';

/** A text field with its hint (where to find the value) and its error on the field itself. */
export function Field({
  id,
  label,
  hint,
  value,
  onChange,
  problem,
  numeric,
  ariaLabel,
  children,
}: {
  id: string;
  label: string;
  hint?: MessageKey;
  value: string;
  onChange: (value: string) => void;
  problem?: FieldProblem;
  numeric?: boolean;
  ariaLabel?: string;
  children?: ReactNode;
}) {
  const t = useT();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [problem ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="field-body">
        <input
          id={id}
          name={id}
          aria-label={ariaLabel}
          inputMode={numeric ? 'numeric' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        {problem && (
          <span className="field-error" id={errorId} data-testid={`error-${id}`}>
            {t(problem)}
          </span>
        )}
        {hint && (
          <small className="muted field-hint" id={hintId}>
            {t(hint)}
          </small>
        )}
        {children}
      </div>
    </div>
  );
}
