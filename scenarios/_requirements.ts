import type { BuildRequirement } from "../harness/plan/scenario-types.ts";

/** What builds must offer, shared by several scenarios. Data only; the catalog skips files that start with "_". */

/** The agent gateway tool `callGatewayTool`. */
export const AGENT_TOOL: BuildRequirement[] = [{ export: "./plugin-sdk/agent-harness-runtime" }];

/** The canonical resolver: the gateway's approval.resolve and resolveApprovalOverGateway's approvalKind. */
export const CANONICAL_RESOLVER: BuildRequirement[] = [{ method: "approval.resolve" }, { apiParam: { export: "./plugin-sdk/approval-gateway-runtime", name: "approvalKind" } }];
