import { createMemoryConversationStore } from '../../src/core/index.js';
import { describeConversationStoreContract } from './conversation-store-contract.js';

describeConversationStoreContract('memory', () => createMemoryConversationStore());
