// The registry: one entry per rule file, in the order findings are listed.
import { duplicateSection } from './duplicate-section';
import { emptySection } from './empty-section';
import { headingLevel } from './heading-level';
import { incompleteItem } from './incomplete-item';
import { misnamedSection } from './misnamed-section';
import { missingDiagram } from './missing-diagram';
import { missingField } from './missing-field';
import { missingSection } from './missing-section';
import { missingSubsection } from './missing-subsection';
import { missingTitle } from './missing-title';
import { placeholder } from './placeholder';
import type { Rule } from './rule';
import { sectionOrder } from './section-order';
import { unfilledGuidance } from './unfilled-guidance';
import { unknownTemplate } from './unknown-template';

export const rules: readonly Rule[] = [
  unknownTemplate,
  missingTitle,
  missingField,
  missingSection,
  missingSubsection,
  sectionOrder,
  duplicateSection,
  headingLevel,
  misnamedSection,
  placeholder,
  emptySection,
  unfilledGuidance,
  incompleteItem,
  missingDiagram,
];

export const ruleCodes: readonly string[] = rules.map((r) => r.code);

export function findRule(code: string): Rule | undefined {
  return rules.find((r) => r.code === code);
}

export { ruleDocsUrl, type Rule, type RuleContext, type RuleFinding } from './rule';
