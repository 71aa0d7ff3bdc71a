"""A support bot that answers customer questions with an LLM."""
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def answer(question: str, history: list[dict]) -> str:
    messages = [{"role": "system", "content": "You are a helpful support agent."}]
    messages += history
    messages.append({"role": "user", "content": question})
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=messages,
    )
    return response.choices[0].message.content
