import { z } from "zod";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** An id the API gives as a UUID (Neutron, VPC v3, Nova, Scaleway and Genesis ids), e.g. `877b092c-2a31-4509-8d23-deeb02d95633`. */
export const uuidId = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : `must be ${what} id (a string)`) })
    .regex(UUID, { error: `must be ${what} id, a UUID such as 877b092c-2a31-4509-8d23-deeb02d95633` });
