import { KeyedMutex } from "./concurrency";

const locks = new KeyedMutex();

/**
 * Runs `task` while no other task holds the same group, in arrival order, within this provider process
 * (one `pulumi up`): for clouds whose rules are a read-modify-write of the group.
 */
export function withGroupLock<T>(groupId: string, task: () => Promise<T>): Promise<T> {
  return locks.run(groupId, task);
}
