module example.com/ragsearch

go 1.22

require (
	github.com/sashabaranov/go-openai v1.36.1
	github.com/weaviate/weaviate-go-client/v4 v4.16.1
)
