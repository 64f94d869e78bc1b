export * from "./projects";
export { createProjectBody, type CreateProjectBody } from "./validation";
