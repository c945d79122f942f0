import { CallbackManager } from '@langchain/core/callbacks/manager';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { RunnableBinding } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { z } from 'zod';
import { GeminiChatModel } from './gemini-chat-model';
import { directPathAvailable, hasHandlers, type StepModel } from './langchain-fast-path';

/**
 * The LangChain internals langchain-fast-path.ts relies on. If an upgrade changes one, this fails
 * here, by name, instead of the fast path quietly turning off or breaking a turn. The way out is
 * LIBRARY_FAST_PATHS=false while the seam is fixed.
 */
describe('contract: LangChain internals behind langchain-fast-path.ts', () => {
  const balance = tool(async () => Promise.resolve('1'), { name: 'get_balance', description: 'b', schema: z.object({}) });
  const gemini = new GeminiChatModel({ model: 'gemini-2.5-flash', apiKey: 'k' });

  it('a tool binding is a RunnableBinding exposing bound, config, kwargs and configFactories', () => {
    const bound = gemini.bindTools([balance]);
    expect(bound).toBeInstanceOf(RunnableBinding);
    const binding = bound as unknown as RunnableBinding<unknown, unknown>;
    expect(binding.bound).toBeInstanceOf(BaseChatModel);
    // The call options the provider needs (the tools) travel in config or kwargs; the seam reads both.
    expect({ ...(binding.config as object), ...(binding.kwargs as object) }).toEqual(
      expect.objectContaining({ tools: expect.any(Array) }),
    );
    expect('configFactories' in binding).toBe(true);
  });

  it("the Gemini adapter streams through its own _streamResponseChunks, so the direct path applies", () => {
    expect(typeof BaseChatModel.prototype._streamResponseChunks).toBe('function');
    expect(ChatGoogleGenerativeAI.prototype._streamResponseChunks).not.toBe(BaseChatModel.prototype._streamResponseChunks);
    expect(directPathAvailable(gemini.bindTools([balance]) as StepModel)).toBe(true);
    expect(directPathAvailable(gemini.bindTools([balance], { tool_choice: 'none' }) as StepModel)).toBe(true);
  });

  it('a callback manager lists its handlers in `handlers`', () => {
    class Listener extends BaseCallbackHandler {
      name = 'listener';
    }
    expect(CallbackManager.fromHandlers({}).handlers).toEqual(expect.any(Array));
    expect(hasHandlers(CallbackManager.fromHandlers({ handleLLMStart: () => undefined }))).toBe(true);
    expect(hasHandlers(new CallbackManager())).toBe(false);
    expect(hasHandlers([new Listener()])).toBe(true);
  });
});
