import { SecgroupsError } from "../core/errors";

/**
 * Which groups this provider process has seen declared with inline `rules`. The group resource's steps run
 * before its rule resources' (they depend on its id), so a SecurityGroupRule on such a group is refused
 * before it could fight the inline list. Genesis groups carry no tags, so this cannot be known across processes.
 */
const inlineGroups = new Set<string>();

export function noteGroupMode(groupId: string, inlineRules: boolean): void {
  if (inlineRules) inlineGroups.add(groupId);
  else inlineGroups.delete(groupId);
}

export function hasInlineRules(groupId: string): boolean {
  return inlineGroups.has(groupId);
}

/** The refusal a rule resource gets on a group whose inline `rules` own the whole list. */
export function fightError(groupId: string, operation: string): SecgroupsError {
  return new SecgroupsError(
    "Validation",
    { operation },
    `security group ${groupId} declares inline \`rules\`, which own its whole rule list; a SecurityGroupRule on it would be removed by the group's next update. Add the rule to the group's \`rules\`, or remove \`rules\` from the group to manage its rules with SecurityGroupRule resources`,
  );
}
