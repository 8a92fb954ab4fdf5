export { messages, type Messages } from './messages.ts';
export * from './format.ts';
